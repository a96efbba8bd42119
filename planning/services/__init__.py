"""The only writers of participation processes: one service per state change, each writing an event row."""
