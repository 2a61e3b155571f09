package dev.skim.core.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.Batchifier;
import ai.djl.translate.Translator;
import ai.djl.translate.TranslatorContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain Java arrays in, plain Java arrays out: the input tensor is created in the per-call manager
 * of the translator context, and the outputs are copied out before that manager closes, so no
 * native memory outlives a call. No NDArray maths (ONNX Runtime's NDArray has none).
 */
final class TensorTranslator
        implements Translator<TensorTranslator.Input, TensorTranslator.Output> {

    /** A whole batch as one float tensor. */
    record Input(float[] data, long[] shape) {}

    /** All model outputs, copied. */
    record Output(List<RawTensor> tensors) {}

    private final String inputName;

    TensorTranslator(String inputName) {
        this.inputName = inputName;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Input input) {
        NDArray array = ctx.getNDManager().create(input.data(), new Shape(input.shape()));
        if (inputName != null) {
            array.setName(inputName);
        }
        return new NDList(array);
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        List<RawTensor> tensors = new ArrayList<>(list.size());
        for (NDArray array : list) {
            if (array.getDataType() != DataType.FLOAT32) {
                throw new EncoderException(
                        "output '"
                                + array.getName()
                                + "' has type "
                                + array.getDataType()
                                + "; only float32 outputs are supported");
            }
            tensors.add(
                    new RawTensor(
                            array.getName(), array.getShape().getShape(), array.toFloatArray()));
        }
        return new Output(tensors);
    }

    /** The encoder batches itself; DJL must not stack or split. */
    @Override
    public Batchifier getBatchifier() {
        return null;
    }
}
