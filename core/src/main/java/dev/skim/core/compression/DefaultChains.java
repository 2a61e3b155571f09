package dev.skim.core.compression;

/**
 * The one documented default choice of chains: what the compressor runs unless configured otherwise
 * ({@code skim.compressor.fast.chain}, {@code skim.compressor.slow.chain}) and what {@code skim
 * eval} compares against its baselines when no {@code --chain} is given.
 *
 * <p>FAST: the adaptive {@link FrameGate} (drops frames that do not stand out from the stream's own
 * frame-to-frame change, keeps one in 8, passes the dropped frames' budget to the kept ones), then
 * {@link NoveltyProgressive} (PVC: base tokens plus the patches new against the last 64 tokens the
 * stream emitted; a memory of 64 instead of a frame's 196 + B costs a third and covered more on
 * both clips, 0.888 / 0.957 against 0.885 / 0.945 on vtest.avi at 4 / 16, with a little less
 * spatial needle recall). Chosen by measurement ({@code docs/eval/README.md}): at the same total
 * tokens it beats uniform grid pooling and uniform frame subsampling on coverage and needle recall
 * at 4 and 16 tokens a frame on vtest.avi and on synthetic video, at a fraction of the encoder's
 * time. A DivPrune after it (the issue's {@code novelty(B) > divprune(B)}) changes nothing: novelty
 * already emits at most B tokens a frame.
 *
 * <p>SLOW: {@link DivPrune} to 64 tokens of each window's most novel frame (detail, not coverage).
 */
public final class DefaultChains {
    /** The FAST chain with {@code {B}} for the tokens per frame (the {@code skim eval} default). */
    public static final String FAST_TEMPLATE = "gate > novelty({B}, memory=64)";

    /** Tokens per frame of the compressor's FAST chain. */
    public static final int FAST_BUDGET = 4;

    /** The compressor's SLOW chain. */
    public static final String SLOW = "divprune(64)";

    private DefaultChains() {}

    /** The compressor's FAST chain: the template at {@link #FAST_BUDGET}. */
    public static String fast() {
        return FAST_TEMPLATE.replace("{B}", Integer.toString(FAST_BUDGET));
    }
}
