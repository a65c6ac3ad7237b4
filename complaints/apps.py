from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "complaints"
    verbose_name = "Complaints and grievances"

    def ready(self) -> None:
        from complaints.presenters import raised_from_links
        from complaints.services.deadlines import STAGE_LIMITS
        from protocol.machinery import related_links
        from protocol.machinery.deadline_moves import register

        register(STAGE_LIMITS)
        # The enquiry page links the complaints raised from it, for those who may see them
        # (casework never imports complaints).
        related_links.register(page="enquiry", name="complaints", provider=raised_from_links)
