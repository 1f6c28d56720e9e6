"""The three-month follow-up on practice change (the third Kirkpatrick level: what people do differently).

When someone completes a course here (the register says they came to every part), a background
task is queued for three months later (`tasks.schedule_follow_up`, called by the training
services). Then, if the completion still stands and nobody has asked this person about this
course before, it e-mails them a link to a short form: the questions in
`data/practice-follow-up.toml` (language in records, group supervision, motivational
interviewing), in our own words. Their answers are read only as counts across many people
(`training.evaluation.practice_change`), never one person's, and never below the partnership's
minimum number of people. A course completed in a council's own learning system and imported
sends no follow-up: it may be years old, and the import must not e-mail people.
"""
