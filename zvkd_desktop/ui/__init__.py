"""The Qt application shell: start-up dialogs, the main window, idle lock and crash handling.

Entry point: :func:`zvkd_desktop.ui.app.run_gui`. Sections of the main window are registered in
:mod:`zvkd_desktop.ui.sections`.
"""
