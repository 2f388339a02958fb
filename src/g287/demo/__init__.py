"""Demo data, above every app it fills: demo accounts (one per role), synthetic officers and a
synthetic program (claims, awards, cases), and the banner that says so on public pages."""
