"""The casework action dialogs: one QDialog per action, validated at the field, undoable.

Each dialog builds a :class:`~zvkd_desktop.ui.dialogs.base.Command` (the service call, its inverse
and, where the services have one, a cheaper redo) and runs it through ``AppContext.execute``; a
refusal from the services is shown inside the dialog, which stays open for a correction.
"""
