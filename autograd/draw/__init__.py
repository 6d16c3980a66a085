"""Pictures of backprop (the `draw` extra: graphviz, and Pillow for GIFs).

    from autograd.draw import draw, save_steps_html, save_gif

- graph.py: `draw(root)`, the computation graph as a graphviz Digraph;
  style.py its colours and labels, modules.py its clusters for networks,
  views.py the full and the collapsed picture, placement.py how dot is asked
  to line a network's layers up, cost.py how long dot would take (what gets
  collapsed).
- frames.py: one diagram per backward step (`backward_frames`, `save_svgs`,
  `save_gif`).
- page.py: the offline step-by-step page, a live explorer (`save_steps_html`,
  `StepsPage` in Jupyter); program.py the recorded program as its data;
  assets.py reads its script (explorer.js), style sheet (explorer.css) and
  the rule table in JavaScript (rules.js).

Needs the core only (autograd.value, autograd.trace, autograd.notation); the
core never imports this package.
"""

from .frames import backward_frames, save_gif, save_svgs
from .graph import DEFAULT_MAX_NODES, ROLES, draw
from .options import RANKDIRS, check_rankdir, import_graphviz
from .page import StepsPage, save_steps_html, steps_html

__all__ = ["draw", "check_rankdir", "import_graphviz", "DEFAULT_MAX_NODES", "RANKDIRS", "ROLES",
           "backward_frames", "save_svgs", "save_gif", "StepsPage", "save_steps_html",
           "steps_html"]
