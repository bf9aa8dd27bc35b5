"""The board: the group's words on the wall while they speak, and all groups in the plenary.

A read-only window on the session files, served to a browser on the leader's laptop:
`state` reads the files into the view models the page renders (no web code), `watch` follows
the files, `app` holds the few routes (the page, the state, the stream of changes), `server`
starts it all for `limburglab board`, and `launch` starts a board beside `run` and `resume`.
Nothing here is imported unless a board is asked for.
"""
