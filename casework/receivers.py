"""casework follows the council (protocol.signals): the demo council."""
from protocol.signals import demo_council_seeded


def on_demo_council_seeded(sender, **kwargs) -> str:
    """`seed_demo` adds the demo enquiries; the line returned goes in its summary."""
    from casework.demo import seed_demo_enquiries

    return seed_demo_enquiries()


demo_council_seeded.connect(on_demo_council_seeded, dispatch_uid="casework-demo-enquiries")
