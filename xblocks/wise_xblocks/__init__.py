"""wise_xblocks: XBlocks for Work Integration Social Enterprise training (Open edX)."""
