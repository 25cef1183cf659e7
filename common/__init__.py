"""Building blocks every app may use; this package imports no app, so arrows into it point down."""
