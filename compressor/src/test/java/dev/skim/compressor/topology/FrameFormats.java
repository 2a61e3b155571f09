package dev.skim.compressor.topology;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Images in the encodings cameras and tools produce, made with the JDK's own writers: JPEG baseline
 * and progressive, 4:2:0 / 4:2:2 / 4:4:4, greyscale, CMYK and YCCK, restart markers, an EXIF
 * orientation; PNG 8 and 16 bit, grey, alpha, palette, 1 bit, interlaced.
 */
final class FrameFormats {

    private static final String JPEG_METADATA = "javax_imageio_jpeg_image_1.0";

    private FrameFormats() {}

    /** Chroma subsampling of a YCbCr JPEG: luma's horizontal and vertical sampling factors. */
    enum Subsampling {
        S420(2, 2),
        S422(2, 1),
        S444(1, 1);

        final int h;
        final int v;

        Subsampling(int h, int v) {
            this.h = h;
            this.v = v;
        }
    }

    /** A deterministic camera-like picture: gradients, a few blocks and some texture. */
    static BufferedImage scene(int w, int h, long seed) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        byte[] px = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        int sx = Math.max(1, w / 5);
        int sy = Math.max(1, h / 4);
        for (int y = 0, p = 0; y < h; y++) {
            for (int x = 0; x < w; x++, p += 3) {
                int block = ((x / sx) + (y / sy) + (int) seed) % 3;
                int noise = (int) (((x * 73856093L) ^ (y * 19349663L) ^ seed) & 31);
                int r = (x * 255 / Math.max(1, w - 1) + noise) & 0xFF;
                int g = (y * 255 / Math.max(1, h - 1) + block * 60) & 0xFF;
                int b = (block * 100 + noise * 2) & 0xFF;
                px[p] = (byte) b;
                px[p + 1] = (byte) g;
                px[p + 2] = (byte) r;
            }
        }
        return img;
    }

    static BufferedImage grey(BufferedImage rgb) {
        return convert(rgb, BufferedImage.TYPE_BYTE_GRAY);
    }

    static BufferedImage convert(BufferedImage rgb, int type) {
        BufferedImage out = new BufferedImage(rgb.getWidth(), rgb.getHeight(), type);
        out.getGraphics().drawImage(rgb, 0, 0, null);
        return out;
    }

    /** A YCbCr (or greyscale) JPEG with the given sampling, optionally progressive or restarts. */
    static byte[] jpeg(
            BufferedImage img,
            Subsampling sampling,
            boolean progressive,
            int restartInterval,
            float quality) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            IIOMetadata meta = writer.getDefaultImageMetadata(new ImageTypeSpecifier(img), param);
            IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(JPEG_METADATA);
            IIOMetadataNode markers = child(root, "markerSequence");
            IIOMetadataNode sof = child(markers, "sof");
            if (sof != null && img.getRaster().getNumBands() == 3) {
                for (Node c = sof.getFirstChild(); c != null; c = c.getNextSibling()) {
                    IIOMetadataNode spec = (IIOMetadataNode) c;
                    boolean luma = "1".equals(spec.getAttribute("componentId"));
                    spec.setAttribute("HsamplingFactor", luma ? "" + sampling.h : "1");
                    spec.setAttribute("VsamplingFactor", luma ? "" + sampling.v : "1");
                }
            }
            if (restartInterval > 0) {
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restartInterval));
                markers.insertBefore(dri, sof);
            }
            meta.setFromTree(JPEG_METADATA, root);
            return write(writer, new IIOImage(img, null, meta), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    static byte[] jpeg(BufferedImage img) {
        return jpeg(img, Subsampling.S420, false, 0, 0.85f);
    }

    /**
     * A four-channel Adobe JPEG from the image's colours: CMYK ({@code transform} 0, as Photoshop
     * writes it, inverted) or YCCK ({@code transform} 2).
     */
    static byte[] jpeg4(BufferedImage rgb, int transform) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = rgb.getRGB(x, y);
                int r = (c >> 16) & 0xFF;
                int g = (c >> 8) & 0xFF;
                int b = c & 0xFF;
                int k = 255 - Math.max(r, Math.max(g, b));
                raster.setSample(x, y, 0, 255 - (255 - r - k));
                raster.setSample(x, y, 1, 255 - (255 - g - k));
                raster.setSample(x, y, 2, 255 - (255 - b - k));
                raster.setSample(x, y, 3, 255 - k);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        byte[] plain;
        try {
            plain = write(writer, new IIOImage(raster, null, null), writer.getDefaultWriteParam());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        // the writer's own Adobe segment, if any, goes; ours says how to read the four channels
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        return withSegment(withoutSegment(plain, 0xEE), 0xEE, adobe);
    }

    /** The JPEG without its APPn (or other) segments of the given marker. */
    private static byte[] withoutSegment(byte[] jpeg, int marker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length);
        out.write(jpeg, 0, 2);
        int p = 2;
        while (p + 4 <= jpeg.length && (jpeg[p] & 0xFF) == 0xFF) {
            int m = jpeg[p + 1] & 0xFF;
            if (m == 0xDA) {
                break;
            }
            int len = ((jpeg[p + 2] & 0xFF) << 8) | (jpeg[p + 3] & 0xFF);
            if (m != marker) {
                out.write(jpeg, p, len + 2);
            }
            p += len + 2;
        }
        out.write(jpeg, p, jpeg.length - p);
        return out.toByteArray();
    }

    /** The JPEG with a segment of the given marker and payload right after SOI. */
    private static byte[] withSegment(byte[] jpeg, int marker, byte[] payload) {
        int length = payload.length + 2;
        ByteArrayOutputStream out = new ByteArrayOutputStream(jpeg.length + length + 2);
        out.write(jpeg, 0, 2);
        out.write(0xFF);
        out.write(marker);
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.write(payload, 0, payload.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /**
     * The JPEG with an EXIF APP1 segment carrying an orientation tag (1 to 8) right after SOI, as
     * phone and some camera JPEGs have.
     */
    static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        byte[] tiff = {
            'M',
            'M',
            0,
            42,
            0,
            0,
            0,
            8, // big-endian TIFF header, first IFD at 8
            0,
            1, // one entry
            0x01,
            0x12,
            0,
            3,
            0,
            0,
            0,
            1,
            0,
            (byte) orientation,
            0,
            0, // Orientation, SHORT, 1
            0,
            0,
            0,
            0 // no next IFD
        };
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy(new byte[] {'E', 'x', 'i', 'f', 0, 0}, 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        return withSegment(jpeg, 0xE1, exif);
    }

    /** A PNG of the image as it is (its type decides depth, grey, alpha, palette). */
    static byte[] png(BufferedImage img, boolean interlaced) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (interlaced) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            return write(writer, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** 16 bits a sample, RGB. */
    static BufferedImage rgb16(BufferedImage rgb) {
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        ComponentColorModel model =
                new ComponentColorModel(
                        ColorSpace.getInstance(ColorSpace.CS_sRGB),
                        false,
                        false,
                        Transparency.OPAQUE,
                        DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int c = rgb.getRGB(x, y);
                raster.setSample(x, y, 0, ((c >> 16) & 0xFF) * 257);
                raster.setSample(x, y, 1, ((c >> 8) & 0xFF) * 257);
                raster.setSample(x, y, 2, (c & 0xFF) * 257);
            }
        }
        return new BufferedImage(model, raster, false, null);
    }

    /** A 16-colour palette image. */
    static BufferedImage palette(BufferedImage rgb) {
        byte[] r = new byte[16];
        byte[] g = new byte[16];
        byte[] b = new byte[16];
        for (int i = 0; i < 16; i++) {
            r[i] = (byte) (i * 17);
            g[i] = (byte) (255 - i * 17);
            b[i] = (byte) ((i * 53) & 0xFF);
        }
        BufferedImage out =
                new BufferedImage(
                        rgb.getWidth(),
                        rgb.getHeight(),
                        BufferedImage.TYPE_BYTE_INDEXED,
                        new IndexColorModel(4, 16, r, g, b));
        out.getGraphics().drawImage(rgb, 0, 0, null);
        return out;
    }

    /** The pixels as RAW_RGB bytes. */
    static byte[] rawRgb(BufferedImage img) {
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[bgr.length];
        for (int p = 0; p < bgr.length; p += 3) {
            rgb[p] = bgr[p + 2];
            rgb[p + 1] = bgr[p + 1];
            rgb[p + 2] = bgr[p];
        }
        return rgb;
    }

    private static byte[] write(ImageWriter writer, IIOImage image, ImageWriteParam param)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, image, param);
        }
        return bytes.toByteArray();
    }

    private static IIOMetadataNode child(IIOMetadataNode parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (name.equals(c.getNodeName())) {
                return (IIOMetadataNode) c;
            }
        }
        return null;
    }
}
