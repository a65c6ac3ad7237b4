"""The platform every app uses once: service steps, timelines, errors, action pages."""
