"""Four eyes on protected accounts: a change asked for by one administrator, approved or
rejected by a second, and the account's holder told by email each time."""
