"""The parts of the non-root-user pass (``transforms/non_root_user.py``): its skip rules, the users a
stage creates or hands files to, the directories the app writes, and the strategies that pick the user."""

PASS_ID = "non-root-user"
