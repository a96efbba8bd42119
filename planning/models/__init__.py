"""Participation processes (zoning plans and service development), their stakeholders and comments.

The areas are in ``city``; resident budgets and panels live here too."""

from planning.models.ballots import (
    Ballot,
    BallotAction,
    BallotChannel,
    BallotChoice,
    BallotEvent,
    BudgetResult,
    BudgetResultProject,
    ResidentIdentity,
)
from planning.models.budget_proposals import (
    PROPOSAL_COMMENT_MAX,
    PROPOSAL_TEXT_MAX,
    PROPOSAL_TITLE_MAX,
    BudgetProposal,
    ProposalAction,
    ProposalComment,
    ProposalCommentKind,
    ProposalEvent,
    ProposalPhoto,
    ProposalStatus,
)
from planning.models.budgets import (
    BUDGET_PHASE_ORDER,
    BudgetAllocation,
    BudgetPhase,
    BudgetRound,
    BudgetRoundEvent,
    ResultRule,
    VotingRule,
)
from planning.models.comments import (
    COMMENT_MAX,
    FLAGS_TO_HIDE,
    AgeBand,
    Answer,
    Comment,
    CommentReaction,
    CommentStatus,
    Follower,
)
from planning.models.initiatives import Initiative, InitiativeEvent, InitiativeImport, InitiativeState, InitiativeType
from planning.models.panels import (
    PANEL_MESSAGE_BODY_MAX,
    PANEL_MESSAGE_SUBJECT_MAX,
    Panel,
    PanelAction,
    PanelEvent,
    PanelKind,
    PanelMember,
    PanelMessage,
    PanelMessageKind,
    PanelTopic,
)
from planning.models.participation import (
    LOWER_IS_BETTER,
    EventAttendance,
    ParticipationMetric,
    ParticipationReport,
    ParticipationTarget,
    ReportStatus,
)
from planning.models.processes import (
    COMMENT_PHASES,
    PLAN_KINDS,
    WHAT_RESIDENTS_CAN_DO,
    AffectedArea,
    Attachment,
    AttachmentKind,
    Phase,
    PhaseSchedule,
    Process,
    ProcessAction,
    ProcessEvent,
    ProcessKind,
    StatutoryStep,
)
from planning.models.stakeholders import StakeholderGroup, StakeholderMapping

__all__ = [
    "Ballot", "BallotAction", "BallotChannel", "BallotChoice", "BallotEvent", "BudgetResult", "BudgetResultProject",
    "ResidentIdentity", "PROPOSAL_COMMENT_MAX", "PROPOSAL_TEXT_MAX", "PROPOSAL_TITLE_MAX", "BudgetProposal",
    "ProposalAction", "ProposalComment", "ProposalCommentKind", "ProposalEvent", "ProposalPhoto", "ProposalStatus",
    "ResultRule",
    "BUDGET_PHASE_ORDER", "BudgetAllocation", "BudgetPhase", "BudgetRound", "BudgetRoundEvent", "VotingRule",
    "COMMENT_MAX", "COMMENT_PHASES", "FLAGS_TO_HIDE", "PLAN_KINDS", "AffectedArea", "AgeBand", "Answer",
    "Attachment", "AttachmentKind", "Comment", "CommentReaction", "CommentStatus", "Follower", "Phase",
    "PhaseSchedule", "Process", "ProcessAction", "ProcessEvent", "ProcessKind", "StakeholderGroup",
    "StakeholderMapping", "StatutoryStep", "WHAT_RESIDENTS_CAN_DO",
    "PANEL_MESSAGE_BODY_MAX", "PANEL_MESSAGE_SUBJECT_MAX", "Panel", "PanelAction", "PanelEvent", "PanelKind",
    "PanelMember", "PanelMessage", "PanelMessageKind", "PanelTopic",
    "LOWER_IS_BETTER", "EventAttendance", "ParticipationMetric", "ParticipationReport", "ParticipationTarget",
    "ReportStatus",
    "Initiative", "InitiativeEvent", "InitiativeImport", "InitiativeState", "InitiativeType",
]
