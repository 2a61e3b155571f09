package dev.skim.eval;

/**
 * A needle in the evaluated stream.
 *
 * @param id needle number (0-based)
 * @param name where the image came from ({@code generated-0} or the file name)
 * @param frame stream index of the frame showing it
 * @param ptsMillis its presentation time
 */
public record NeedlePlacement(int id, String name, int frame, long ptsMillis) {}
