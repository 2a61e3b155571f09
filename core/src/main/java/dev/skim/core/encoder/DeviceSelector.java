package dev.skim.core.encoder;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.util.cuda.CudaUtils;
import dev.skim.core.encoder.DjlEncoderConfig.Device;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns cpu / gpu / auto into a DJL device, or says exactly why the GPU is not usable. */
final class DeviceSelector {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceSelector.class);

    private DeviceSelector() {}

    static ai.djl.Device select(DjlEncoderConfig config, Engine engine) {
        if (config.device() == Device.CPU) {
            return ai.djl.Device.cpu();
        }
        String problem = gpuProblem(config, engine);
        if (problem == null) {
            return ai.djl.Device.gpu();
        }
        if (config.device() == Device.AUTO) {
            LOG.info("encoder {}: device=auto runs on the CPU because {}", config.id(), problem);
            return ai.djl.Device.cpu();
        }
        throw new EncoderException(
                "encoder '" + config.id() + "': device=gpu was requested but " + problem);
    }

    /** Why no GPU can be used, or null when one can. */
    static String gpuProblem(DjlEncoderConfig config, Engine engine) {
        int gpus =
                config.engine() == DjlEncoderConfig.Engine.ONNX_RUNTIME
                        ? CudaUtils.getGpuCount()
                        : engine.getGpuCount();
        if (gpus <= 0) {
            return "no CUDA GPU is visible to this process (CUDA driver or device missing; "
                    + "DJL counted 0 GPUs)";
        }
        if (config.engine() == DjlEncoderConfig.Engine.ONNX_RUNTIME
                && !engine.hasCapability(StandardCapabilities.CUDA)) {
            return "the ONNX Runtime on the class path has no CUDA execution provider "
                    + "(com.microsoft.onnxruntime:onnxruntime is the CPU build; build with the "
                    + "'gpu' Maven profile for onnxruntime_gpu)";
        }
        return null;
    }
}
