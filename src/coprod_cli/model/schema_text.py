"""The titles and field descriptions the JSON Schemas carry (``coprod schema``), kept apart from
the code that builds the schemas. English only: a schema is read by editors and tools.
"""

TITLES: dict[str, tuple[str, str]] = {
    "evidence": (
        "coprod evidence file",
        "A unit's self-assessment against a co-production framework: the unit, the date, who took part, "
        "and a status with evidence for each target and enabler. Check it with 'coprod validate FILE'.",
    ),
    "framework": (
        "coprod framework file",
        "A co-production framework: levels of targets, enablers and guidance; or a tailored framework that "
        "'extends' another and changes it. Check it with 'coprod framework check FILE'.",
    ),
    "crosswalk": (
        "coprod crosswalk file",
        "Another framework's items (an id and a short title each) and, for each, the targets and enablers of a "
        "coprod framework that give evidence of it. Check it with 'coprod framework check FILE'; "
        "see docs/crosswalks.md.",
    ),
    "result": (
        "coprod assessment result",
        "The result of 'coprod assess UNIT.yaml --format json'. Field names and meanings are fixed; "
        "fields may be added in later versions.",
    ),
    "pool": (
        "coprod pool file",
        "Anonymised results of many units, written by 'coprod pool export' and read by 'coprod pool compare': "
        "no names, no free text, no organisation (docs/pool.md).",
    ),
}
_STATUS_TEXT = "met, partial, not-met, not-applicable (say why in 'justification') or not-assessed."
DESCRIPTIONS: dict[tuple[str, str], str] = {
    ("Evidence", "unit"): "The unit being assessed.",
    ("Evidence", "framework"): "A built-in framework id, an id from a frameworks folder, or a path relative to "
    "this file. Default: rehab-recovery.",
    ("Evidence", "assessed_on"): "The date of this self-assessment, YYYY-MM-DD.",
    ("Evidence", "assessors"): "Who took part in this self-assessment.",
    ("Evidence", "targets"): "The unit's record for each target, by target ID; a target left out counts as "
    "not-assessed.",
    ("Evidence", "enablers"): "The unit's record for each enabler, by enabler ID.",
    ("Evidence", "retired"): "Targets the framework no longer has, kept by 'coprod migrate'; shown, not scored.",
    ("Unit", "name"): "The unit's name.",
    ("Unit", "service"): "The kind of service, in free text.",
    ("Unit", "organisation"): "The organisation the unit belongs to.",
    ("Unit", "kind"): "What kind of unit it is, so a pool compares like with like: low-secure, locked-rehab, "
    "open-rehab, step-down, community or other.",
    ("Assessor", "name"): "The person's name.",
    ("Assessor", "role"): "service-user, carer, staff, third-sector or manager.",
    ("Entry", "status"): _STATUS_TEXT,
    ("Entry", "evidence"): "What shows it: a description, optionally a date and a link.",
    ("Entry", "action"): "What will be done about a gap, by whom and when (or several, under 'actions').",
    ("Entry", "actions"): "Several actions for the target, each with its own status; give 'action' or 'actions'.",
    ("Action", "status"): "open (the default), done or dropped (say why in 'reason').",
    ("Action", "changed_on"): "The day its status last changed, YYYY-MM-DD.",
    ("Action", "reason"): "Why it was dropped (needed for dropped).",
    ("Evidence", "you_said_we_did"): "What service users and carers raised and what was done about it.",
    ("Feedback", "you_said"): "What was raised, in the words of the people who raised it (never their names).",
    ("Feedback", "raised_on"): "When it was raised, YYYY-MM-DD.",
    ("Feedback", "channel"): "How: suggestion-box, community-meeting, forum, questionnaire, complaint, "
    "conversation or other.",
    ("Feedback", "we_did"): "What was done about it.",
    ("Feedback", "status"): "open (the default), done or dropped (say why in 'reason').",
    ("Feedback", "changed_on"): "The day its status last changed, YYYY-MM-DD.",
    ("Feedback", "reason"): "Why nothing will be done (needed for dropped).",
    ("Feedback", "targets"): "The IDs of the targets and enablers it is evidence for.",
    ("Entry", "justification"): "Why the target does not apply to this unit (needed for not-applicable).",
    ("Entry", "review_by"): "Only with not-applicable: the day to ask again whether it still does not apply, "
    "YYYY-MM-DD. Without it, that is due review_months after assessed_on.",
    ("Entry", "notes"): "Anything else worth saying.",
    ("EvidenceItem", "date"): "When, YYYY-MM-DD; evidence older than the framework's review_months is stale.",
    ("Action", "due"): "When it is due, YYYY-MM-DD.",
    ("Pool", "pool_version"): "The format version of the pool file: 1.",
    ("Pool", "units"): "One entry per unit, at its latest assessment, sorted by content.",
    ("PoolUnit", "kind"): "The unit's kind (unit.kind), or null when its file gives none.",
    ("PoolUnit", "framework"): "The framework's id and version.",
    ("PoolUnit", "assessed_on"): "The month of the assessment, YYYY-MM.",
    ("PoolUnit", "attained_level"): "The highest level achieved, 0 when none.",
    ("PoolUnit", "levels"): "Each level's percent (0-100, one decimal), by level number; null when nothing applies.",
    ("PoolUnit", "targets"): "The status of each target, by target ID.",
    ("PoolUnit", "enablers"): "The status of each enabler, by enabler ID.",
    ("Framework", "id"): "Lower-case letters, digits and '-', e.g. rehab-recovery; evidence files name it.",
    ("Framework", "version"): "A semantic version MAJOR.MINOR.PATCH, e.g. 1.2.0: major when a unit's result "
    "can go down or evidence files become invalid, minor for reworded or added targets, patch for guidance.",
    ("Framework", "review_months"): "How many months old evidence may be before it is flagged stale. Default 12.",
    ("Framework", "levels"): "The levels, numbered 1, 2, 3… in order.",
    ("Framework", "enablers"): "Enablers support every level and are reported beside the levels.",
    ("Framework", "guidance"): "Challenges and what worked, linked to the targets each idea helps.",
    ("Framework", "extends"): "The framework this one tailors: a built-in id, an id from a frameworks folder, "
    "or a path relative to this file.",
    ("Framework", "remove"): "Target or enabler IDs of the extended framework to leave out.",
    ("Framework", "add"): "Targets to add to the extended framework's levels.",
    ("Framework", "override"): "Changes to the extended framework's targets and levels.",
    ("Level", "threshold"): "Percent of the level's applicable score needed to achieve it, 0-100. Default 80.",
    ("Level", "targets"): "The level's targets, each with a unique ID such as L1.my-target.",
    ("Target", "id"): "Unique across the framework, e.g. L1.my-target; evidence files use it, so never rename it.",
    ("Target", "required"): "When true, the level is not achieved while this target is below met.",
    ("Target", "plain"): "The target in plain words, without jargon: shown in the easy-read report and the interview.",
    (
        "AddedTarget",
        "plain",
    ): "The target in plain words, without jargon: shown in the easy-read report and the interview.",
    ("TargetChange", "plain"): "A new plain-words gloss; rewording the text without one drops the old gloss.",
    ("Idea", "helps"): "The IDs of the targets and enablers this idea helps.",
    ("AddedTarget", "level"): "The number of the level it goes into.",
    ("AddedTarget", "after"): "The target of the same level it follows; without it, it goes last.",
    ("Override", "levels"): "Changes by level number, e.g. 1: {threshold: 90}.",
}
