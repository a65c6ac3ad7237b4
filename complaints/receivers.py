"""complaints follows the council (protocol.signals): the demo council."""
from protocol.signals import demo_council_seeded


def on_demo_council_seeded(sender, **kwargs) -> str:
    """`seed_demo` adds the demo complaints and grievances; the line returned goes in its
    summary. Connected after casework's receiver (INSTALLED_APPS order), so the enquiry
    a demo complaint is raised from is there."""
    from complaints.demo import seed_demo_complaints

    return seed_demo_complaints()


demo_council_seeded.connect(on_demo_council_seeded, dispatch_uid="complaints-demo-cases")
