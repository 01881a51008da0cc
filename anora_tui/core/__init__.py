"""The pure core: model, loading, search, state, navigation and text. Never imports Textual, Rich or
`anora_tui.ui` (tests/test_core_purity.py imports every module here in a fresh interpreter to check)."""
