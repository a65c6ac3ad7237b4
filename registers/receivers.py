"""registers follows the council (protocol.signals): the demo council's registers."""
from protocol.signals import demo_council_seeded


def on_demo_council_seeded(sender, **kwargs) -> str:
    """`seed_demo` adds the demo registers; the line returned goes in its summary."""
    from registers.demo import seed_demo_registers

    return seed_demo_registers()


demo_council_seeded.connect(on_demo_council_seeded, dispatch_uid="registers-demo")
