"""casework follows the council (protocol.signals): its closure days, and the demo council."""
from protocol.signals import closure_days_changed, demo_council_seeded


def on_closure_days_changed(sender, dates, actor=None, **kwargs) -> None:
    from casework.services.recalculate import recalculate_deadlines

    recalculate_deadlines(dates, actor)


def on_demo_council_seeded(sender, **kwargs) -> str:
    """`seed_demo` adds the demo enquiries; the line returned goes in its summary."""
    from casework.demo import seed_demo_enquiries

    return seed_demo_enquiries()


closure_days_changed.connect(on_closure_days_changed, dispatch_uid="casework-closure-days")
demo_council_seeded.connect(on_demo_council_seeded, dispatch_uid="casework-demo-enquiries")
