/**
 * Words for frames: real pretrained taggers (an object detector, OCR) that the compressor runs on
 * SLOW frames, so that moments can be searched by words (DESIGN.md sections 4 and 7). {@link
 * dev.skim.core.tagging.FrameTagger} is the contract; {@link dev.skim.core.tagging.FrameTag} the
 * value it returns.
 */
package dev.skim.core.tagging;
