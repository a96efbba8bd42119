"""The staff side of the feedback channel: triage queue, department queue, ticket page, desk entry."""
