"""The pledges' free text that the partnership's language monitoring checks: statements, action plans, updates, personal pledges."""

from goldenthread.core.registry import MonitoredText

MONITORED = (
    MonitoredText(
        model="pledges.pledge",
        fields=("vision", "how_we_will_do_it", "priorities"),
        record_type="Pledge statement",
        organisation=lambda pledge: pledge.organisation,
        author=lambda pledge: pledge.signed_by,
        written_on=lambda pledge: pledge.signed_on,
    ),
    MonitoredText(
        model="pledges.pledgeaction",
        fields=("description",),
        record_type="Pledge action",
        organisation=lambda action: action.pledge.organisation,
        author=lambda action: None,
        written_on=lambda action: None,
    ),
    MonitoredText(
        model="pledges.progressupdate",
        fields=("summary",),
        record_type="Progress update",
        organisation=lambda update: update.pledge.organisation,
        author=lambda update: update.posted_by,
        written_on=lambda update: update.posted_on,
    ),
    MonitoredText(
        model="pledges.personalpledge",
        fields=("commitment",),
        record_type="Personal pledge",
        organisation=lambda pledge: pledge.organisation,
        author=lambda pledge: pledge.user,
        written_on=lambda pledge: pledge.made_on,
    ),
)
