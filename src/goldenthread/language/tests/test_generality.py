"""Sentences written for these tests (not taken from the dev set) in the kinds of writing the
engine will meet: court and inquest reports, safeguarding reviews, clinic audits, school
manuals, police appeals. Harmless uses of risky words must stay quiet; the language the
guidance names must be found whatever its inflection or spelling."""

import pytest

from goldenthread.language import check


def faults(text):
    return [f for f in check(text) if f.is_fault]


HARMLESS = [
    # work and training placements, and the placement of things
    "The college arranged a work placement at a local garage.",
    "She has a placement year in industry as part of her degree.",
    "Students on clinical placement must wear their badges.",
    "Placements for trainee social workers start in September.",
    "The review considered the placement of CCTV cameras.",
    # courts, tribunals and others who refuse
    "The court refused permission to appeal.",
    "The judge refused the local authority's application for a care order.",
    "The tribunal refused to extend time.",
    "The magistrates refused bail.",
    "The landlord refused to carry out repairs.",
    "The bank refused the loan.",
    # contact that is not family time
    "Please update your contact details on the portal.",
    "Anyone with information should contact Essex Police.",
    "Detectives hope the 14-year-old from Luton will make contact tonight.",
    "The officer made contact with the family on Tuesday.",
    "We will contact the school on Monday.",
    # DNA as genetics
    "DNA tests confirmed the father's identity.",
    "DNA evidence linked him to the scene.",
    "Paternity was confirmed by a DNA test.",
    # challenges, missed appointments of adults, dirty homes
    "The new head teacher faced fresh challenges this term.",
    "It was a challenging year for the service.",
    "Mr Jones missed his outpatient appointment on 3 May.",
    "The adult patient did not attend his appointment and was discharged.",
    "The house was dirty and cluttered when officers arrived.",
    "Her clothes were dirty and torn.",
    "The kitchen was clean and tidy.",
    # other harmless senses
    "The meeting kicked off with introductions.",
    "The road was hard to reach in winter.",
    "He claims universal credit.",
    "The hospital admitted her at 3am.",
    "The company denied liability.",
    "She stopped going to school after her grandmother died.",
    "She completed the suicide prevention training.",
    # neutral reporting in court judgments and news: words about events, legal parties
    "The van was allegedly driven through a red light on the ring road.",
    "The defendant was reportedly seen near the harbour after midnight.",
    "The pilot was reportedly unharmed.",
    "The Claimant alleges that the council breached its duty of care.",
    "The Respondent maintains that the notice was served in time.",
    "He admitted two counts of burglary at the Crown Court.",
    "She admitted causing death by careless driving.",
    "He denied murder and the trial continues.",
    "The firm denied any wrongdoing.",
    "She was convicted of perverting the course of justice after making false allegations.",
    "The defendant absconded while on bail and was arrested abroad.",
    "The witness refused to answer questions about the night.",
    "The judge again explained the process to the jury.",
    # clinic audits, inspection reports and safeguarding reviews
    "New cases of measles rose sharply in the spring.",
    "Police closed the case after six months.",
    "The rash presented as small red spots on the trunk.",
    "The hospital was non-compliant with the national standard.",
    "The landlord's non-compliance with fire regulations was noted.",
    "The authority was criticised for its lack of cooperation with the inquiry.",
    "The GP was difficult to reach by phone.",
    "The nurse again advised the ward manager.",
]


@pytest.mark.parametrize("text", HARMLESS)
def test_harmless_uses_stay_quiet(text):
    assert faults(text) == []


FOUND = [
    ("Mother didn't engage with the parenting course.", "blame.not-engaging"),
    ("The family haven't engaged since March.", "blame.not-engaging"),
    ("Fathers are often described as hard to engage.", "blame.hard-to-reach"),
    ("The 15-year-old chose to go missing again on Saturday night.", "exploitation.chose-to-go-missing"),
    ("The review looked at two completed suicides in custody.", "health.committed-suicide"),
    ("The boy has ADHD and is very disruptive in lessons.", "labelling.disruptive"),
    ("The boy was described by staff as manipulative and attention-seeking.", "labelling.manipulative"),
    ("Her supervised contact with her mother was reduced to monthly.", "care.contact"),
    ("The child absconded from the children's home twice.", "care.abscond"),
    ("She is non-compliant with her medication.", "blame.non-compliant"),
    ("She is noncompliant with her medication.", "blame.non-compliant"),
    ("The young person was kicking off in the lounge.", "labelling.kicking-off"),
    ("Nursery staff logged sexualised behaviours in the sandpit.", "labelling.sexualised-behaviour"),
    ("Nursery staff logged sexualized behaviors in the sandpit.", "labelling.sexualised-behaviour"),
    ("She is a known self harmer.", "health.self-harmer"),
    ("The baby DNA’d her six-week check.", "attendance.dna"),
    ("Dad claimed he had not been drinking.", "credibility.claims"),
    ("He is wheelchair bound.", "health.wheelchair-bound"),
    # a practitioner doubting a person's own account is still found
    ("He alleges he was hit by a member of staff.", "credibility.alleges"),
    ("She claims she was pushed down the stairs.", "credibility.claims"),
    ("Supposedly he was at school all day.", "credibility.apparently"),
    ("Mum denies hitting the children.", "credibility.denies"),
    ("I again explained the risks to Mum.", "blame.again"),
    ("Mum is non-compliant with her medication.", "blame.non-compliant"),
    ("The 14-year-old absconded from the children's home.", "care.abscond"),
    ("Her presentation was flat and she spoke quietly.", "jargon.presentation"),
]


@pytest.mark.parametrize("text,rule", FOUND)
def test_guidance_terms_are_found_in_their_forms(text, rule):
    assert rule in {f.rule for f in faults(text)}
