"""Language monitoring: how the partnership's writing measures up against the shared language, as counts.

Every kind of record whose free text an app registers (`core.registry.MonitoredText`: family
stories, chronology entries, one-page profiles, group supervision records and actions, pledge
statements and actions, continuum actions, stories of practice, workstream actions) is checked
in the background when it is saved (`watch.py` queues `tasks.check_writing` once the change is
committed), and checked again, a batch at a time, when the site's rules change
(`core.language.site_rules_changed`). Each check keeps one `WritingCheck`: counts, rule ids and a
keyed digest of the words, never the words. The figures (`queries.py`) are the share of records
with nothing to change, by organisation, kind of record and month, and the commonest findings in
the rules' own words: for a partnership lead across the partnership, for an organisation lead
their own organisation, and for anyone else their own writing only.

The app registers `audited=False`: a `WritingCheck` is worked out again from the records
whenever they or the rules change, by a background task, not by anyone; auditing it would add a
line for every record saved and say nothing a person did. It does hold personal data, in the
sense that it names who wrote a record, so it registers `holds_personal_data=True`.
"""
