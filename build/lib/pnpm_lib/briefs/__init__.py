"""Regional impact briefs: parameters, content (``impact``), batch runner, manifest, HTML/PDF export."""
