"""The planning half's API (plans and their comments)."""

urlpatterns: list = []
