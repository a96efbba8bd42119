"""Map feedback models: filled in by the feedback issue."""
