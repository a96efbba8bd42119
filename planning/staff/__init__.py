"""Staff pages of participation processes: the planners' pages and the moderation queue."""
