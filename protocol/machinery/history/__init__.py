"""Tamper evidence for the append-only histories: issue 5, "History and timelines are
append-only on PostgreSQL ... and carry a hash chain that a management command verifies"
(DESIGN: a case's history "cannot be edited afterwards").

Every event row stores `prev_hash`, the seal of the event before it on the same case, and
`hash` = HMAC-SHA256 under the history key (`keys`, CASEWORK_HISTORY_KEY, kept outside the
database) of prev_hash, newline, the event's own content in a fixed encoding. Editing a
row makes its content disagree with its hash; deleting one leaves its successor linked to a
hash that is not its predecessor's; reordering does both; re-sealing needs the key. Each
case's head (`heads`) names its newest event, so a deleted tail shows too, and what people
wrote on the case's own rows is sealed there (`records`). `manage.py verify_history` walks
every chain, head and sealed row and names the first break of each case.

One chain per case, not one per table:
- writers on different cases never wait for each other. A single chain would make every
  event in the council queue for one "latest hash", a write bottleneck under load;
- a writer needs the case's row lock, which each service takes already
  (`select_for_update`); `append` takes it again (a no-op then) so that no caller can forget
  it, and two writers on one case take turns, the second linking to the first's event;
- a break is reported against the case it is on, and re-sealing after a lawful rewrite
  (retention erasure) touches that case's chain only.

What it cannot show: a change made by someone who holds the key and can write to the
database, or an old head put back together with the events appended since deleted
(docs/decisions/0010). On PostgreSQL the application's role cannot change a history at all
(protocol.machinery.db_roles); the seals are the evidence when someone else did.

The content encoding is simple enough to write in SQL, so that a bulk load or a backfill can
seal millions of rows set-based on PostgreSQL (`bulk`): each field is `<UTF-8 length>:<text>`,
`~` for NULL; integers in decimal; times in UTC as 2026-01-31T09:05:00.000000Z."""
from . import keys
from .bulk import reseal, sealed_insert
from .chain import (
    Break,
    Chain,
    HashChained,
    UnsealedEvent,
    Verified,
    append,
    chained_models,
    encode,
    first_breaks,
    link,
    verify,
)
from .records import SealedRecord, seal_rows, sealed_models, unsealed

__all__ = [
    "Break",
    "Chain",
    "HashChained",
    "SealedRecord",
    "UnsealedEvent",
    "Verified",
    "append",
    "chained_models",
    "encode",
    "first_breaks",
    "keys",
    "link",
    "reseal",
    "seal_rows",
    "sealed_insert",
    "sealed_models",
    "unsealed",
    "verify",
]
