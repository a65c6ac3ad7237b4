"""Subject access exports: everything the system holds about one person, and nothing
about anyone else (UK GDPR Art. 15 right of access; Art. 20 for the machine-readable
copy; ASVS 5.0 V14 data protection). Made by the Monitoring Officer, the council's
custodian of its data and standards (004: need-to-know disputes decided by the Monitoring
Officer; 001 §11.3).

Who the subject is
  A person with an account (a councillor or an officer), chosen from a search by name,
  username or email address; or a constituent, found on enquiries by their exact email
  address, or their exact name with a postcode in the recorded address
  (`matching`), each matching enquiry confirmed by the Monitoring Officer before anything
  is exported.

What is about them
  A person with an account: their account, sign-ins and posts; the emails sent to them; every
  enquiry, complaint or grievance, register entry and history event they are party to.
  Where they are the party (the councillor who raised an enquiry, the complainant, the
  person complained about, a party to a register entry) the whole record is theirs.
  Where they only handled or acted on a case (the officer it was with, a stage's handler,
  a councillor copied in), the export gives the case's outline and their own part: what
  they wrote, the events they did or that name them, the files they added.
  A constituent: the confirmed enquiries whole, with the name, contact and address
  recorded for them; the emails the system sent about those enquiries; and that a
  complaint was raised from one of them, with its state, but not its allegations, which
  are about an officer's conduct.

Not yet theirs to know (ICO right of access guidance: exemptions)
  The export follows the case pages: a complaint about the person that the protocol has
  not yet told them of, and any fraud concern about them (003 §31.3(3)), is left out whole
  (DPA 2018 Sch. 2: crime; functions protecting the public). The withheld list says that
  something was withheld, never what, only if the profile says so
  (`subject_access_says_withheld`): otherwise neither confirmed nor denied, as the
  Monitoring Officer may be the subject.

Nobody else (ICO right of access guidance: information about other individuals)
  - Council staff and councillors other than the subject appear only as their posts
    ("[Head of Service, Waste and Recycling]"), never by name, username or email address.
    A post the council has one of (the Chief Executive) still says who it was: their
    role, in which they acted, is not withheld.
  - Other constituents' fields (name, contact, address) are left out, and the withheld
    list says so.
  - Free text (details, messages, reasons, history, emails) stays as written, except that
    every name and email address of a council user other than the subject, and every
    identifier of another constituent on an exported record, is replaced wherever it
    appears (`redaction`). Names the system cannot recognise (a neighbour mentioned in
    passing) stay: the Monitoring Officer reads the summary before release and may list
    more to hide, which are then replaced by "[Withheld: another person]".
  - Correspondence marked confidential is never exported to a constituent (002
    'Correspondence': never sent to the constituent or third parties; 003 §31.16); it is
    counted as withheld. Files are listed by name, type and size, not copied.

Each app adds its own sections (`registry`): protocol here (`own`), casework, complaints
and registers in their `subject_access` modules. The number of queries does not grow with
the number of cases.
"""
from protocol.machinery.subject_access import own  # noqa: F401  (registers the protocol's sections)
from protocol.machinery.subject_access.export import Export, build_export, find_users
from protocol.machinery.subject_access.matching import ConstituentQuery, Match
from protocol.machinery.subject_access.registry import Collected, Subject, find_constituent

__all__ = [
    "Collected",
    "ConstituentQuery",
    "Export",
    "Match",
    "Subject",
    "build_export",
    "find_constituent",
    "find_users",
]
