"""Publishing: validated TEI in, files out.

`write` serialises a tree and writes files atomically; `rebuild` reads one copy's text
(or TEI) back out of an encoding; `transform` runs the bundled XSLT 1.0 stylesheets
(`xslt/`) or the user's; `package` makes and verifies BagIt bags for deposit; `report`
summarises an encoding for the command line.
"""
