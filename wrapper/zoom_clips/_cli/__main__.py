"""``python -m zoom_clips._cli``: the same as the ``zoom-clips`` console script."""

from . import main

main()
