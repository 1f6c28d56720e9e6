"""Each field's rule and each message for training, written once.

The forms build their fields from these rules (`rule.form_field()`), so a person hears what to
fix at once; the services check the same rules again (`rule.clean(...)`), because the API, the
CSV import, the tests and other callers do not pass through a form. A limit or a message
lives here and nowhere else.
"""

from datetime import timedelta

from goldenthread.core.rules import DateRule, TextRule

# --- how long things wait ---------------------------------------------------------------------

OFFER_TIME = timedelta(hours=48)  # how long a place offered from the waiting list is kept
OFFER_CLOSES_BEFORE_START = timedelta(hours=2)  # an offer always closes this long before the session starts
REMINDER_DAYS_BEFORE = 2
REMINDER_HOUR = 9

# --- programmes -------------------------------------------------------------------------------

PROGRAMME_NAME = TextRule("Name of the programme", 200, "Enter the name of the programme")
PROGRAMME_KIND_MESSAGE = "Choose the kind of programme"
PROGRAMME_DESCRIPTION = TextRule(
    "What the programme is for",
    2000,
    rows=4,
    hint="A few plain sentences: who it is for and what changes for them.",
)

# --- courses ----------------------------------------------------------------------------------

COURSE_TITLE = TextRule("Title of the course", 200, "Enter the title of the course")
COURSE_SUMMARY = TextRule("What the course covers", 3000, rows=5, hint="What people will learn and practise, in plain words.")
PARTS = TextRule(
    "Its parts, in order",
    1000,
    "Name at least one part of the course, for example 'Day 1'",
    rows=3,
    hint="One part on each line, for example 'Day 1', 'Day 2', 'Half-day follow-up'. A course of one session has one part.",
)
MAX_PARTS = 10
PART_NAME_LENGTH = 80
TOO_MANY_PARTS = f"A course can have up to {MAX_PARTS} parts"
PART_TOO_LONG = f"Each part's name must be {PART_NAME_LENGTH} characters or fewer"
PARTS_IN_USE = "A part that already has sessions cannot be taken away. Cancel its sessions first, or keep the part"
SKILLS = TextRule(
    "The skills people rate their confidence in",
    1000,
    rows=4,
    hint="One skill on each line, for example 'Noticing the impact of trauma'. People rate their confidence in each before and after the course.",
)
MAX_SKILLS = 8
SKILL_LENGTH = 120
TOO_MANY_SKILLS = f"Name up to {MAX_SKILLS} skills"
SKILL_TOO_LONG = f"Each skill must be {SKILL_LENGTH} characters or fewer"
AUDIENCE_MESSAGE = "Choose roles from the list, or none for everyone"
PROGRAMME_MESSAGE = "Choose a programme"

# --- sessions ---------------------------------------------------------------------------------

PART_MESSAGE = "Choose which part of the course this session is"
SESSION_DATE = DateRule(
    "Date",
    "Enter the date of the session",
    not_past=True,
    past_message="The session's date must be today or in the future",
    hint="For example, 27 3 2026",
)
STARTS_MESSAGE = "Enter the time the session starts, for example 9:30 or 9:30am"
ENDS_MESSAGE = "Enter the time the session ends, for example 16:00 or 4pm"
ENDS_BEFORE_START = "The session must end after it starts"
STARTS_IN_PAST = "The session must start later than now"
FORMAT_MESSAGE = "Choose in person or online"
VENUE = TextRule("Venue and address", 300, hint="For example, Riverbend Civic Centre, 1 Market Street")
VENUE_MESSAGE = "Enter the venue and address of a session held in person"
ROOM = TextRule("Room", 100, hint="For example, the Willow Room, second floor")
ACCESSIBILITY = TextRule(
    "Access and accessibility",
    1000,
    rows=3,
    hint="For example: step-free entrance, a hearing loop, quiet room, parking and the nearest bus stop.",
)
JOINING_LINK = TextRule("Joining link", 500, hint="Only the people booked on the session, and its trainers, can see it.")
JOINING_LINK_MESSAGE = "Enter the joining link of an online session, starting with https://"
JOINING_LINK_NOT_A_LINK = "Enter the joining link as a web address starting with https://"
MAX_CAPACITY = 500
CAPACITY_MESSAGE = f"Enter how many places there are, as a number from 1 to {MAX_CAPACITY}"
CAPACITY_BELOW_BOOKED = "{booked} people already have a place, so there must be at least {booked} places"
TRAINERS_MESSAGE = "Choose trainers from the list"
SESSION_CANCELLATION_REASON = TextRule(
    "Why the session is cancelled",
    500,
    "Say why the session is cancelled",
    rows=3,
    hint="Everyone with a place or on the waiting list is told by e-mail.",
)
SESSION_ALREADY_CANCELLED = "This session is already cancelled"

# --- booking ----------------------------------------------------------------------------------

NOT_IN_AN_ORGANISATION = "Only people in a member organisation can book training. If you think you should be, ask the partnership team."
ALREADY_BOOKED = "You already have a place on this session"
ALREADY_WAITING = "You are already on the waiting list for this session"
ALREADY_OFFERED = "A place on this session is already offered to you. You can accept it on the session's page"
ALREADY_BOOKED_THIS_COURSE = "You already have a place on this course, on {day}. Cancel that place first if this date suits you better"
ALREADY_BOOKED_THIS_PART = (
    "You already have a place on another session of {part} of this course, on {day}. Cancel that place first if this date suits you better"
)
NOT_BOOKABLE_CANCELLED = "This session is cancelled, so it cannot be booked"
NOT_BOOKABLE_STARTED = "This session has already started, so it cannot be booked"
NOT_BOOKABLE_CLOSED = "This course is not open for booking at the moment"
NOTHING_TO_CANCEL = "You have no place on this session to cancel"
OFFER_ANSWER_MESSAGE = "Choose whether you would like the place"
NO_OFFER = "There is no place offered to you on this session at the moment"
OFFER_LAPSED = "The time to accept this place has passed, so it has gone to the next person waiting. You can join the waiting list again"

# --- the register -----------------------------------------------------------------------------

ATTENDANCE_MESSAGE = "Choose whether they came to the whole session, part of it, or were not able to come"
REGISTER_TOO_EARLY = "The register can be taken from the day of the session"
REGISTER_UNKNOWN_PERSON = "Someone in the register is not booked on this session. Reload the page and try again"
REGISTER_EMPTY = "Nothing was saved: choose how at least one person took part"

# --- feedback and aha moments -----------------------------------------------------------------

USEFULNESS_MESSAGE = "Choose how useful the session was for you"
MOST_HELPFUL = TextRule("What helped you most?", 2000, rows=3)
WILL_DO_DIFFERENTLY = TextRule("What will you do differently in your work?", 2000, rows=3)
COULD_BE_BETTER = TextRule("What could make the session better?", 2000, rows=3)
CONFIDENCE_MESSAGE = "Choose how confident you feel, {when}, in: {skill}"
NOT_YOUR_SESSION = "Feedback and reflections are for people who came to the session"
AHA_TEXT = TextRule(
    "What did you notice in your own practice?",
    1000,
    "Write a few words about what you noticed",
    rows=4,
    hint="A moment when something clicked. A sentence or two is enough. Leave out the names of children, families and colleagues.",
)
THEME_MESSAGE = "Choose the theme closest to what you noticed"
SHARING_MESSAGE = "Choose who may read it"
