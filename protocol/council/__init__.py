"""The council: its people, posts, structure, protocol profiles and the rules as pure functions."""
