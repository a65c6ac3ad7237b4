<<<<<<< HEAD
"""The platform every app uses once: history, timelines, outbox, reminders, holds, MFA."""
=======
"""The platform every app uses once: outbox, and (as they move here) the rest."""
>>>>>>> demo
