package dev.descent.model;

import dev.descent.init.Initializer;
import dev.descent.kernel.Backend;
import dev.descent.layer.Padding;
import dev.descent.layer.Shape;

import dev.descent.spec.Registry;

import java.util.List;
import java.util.Set;

/**
 * The named models: the reference CNN of the study, and an MLP and logistic regression for fast tests.
 *
 * <pre>{@code
 * Network cnn = Models.create("cnn", new Shape(28, 28, 1), 10, 50, Backend.fast(2));
 * }</pre>
 */
public final class Models {

    /** A model's layers for an input shape and a number of classes. */
    @FunctionalInterface
    public interface Architecture {
        Network.Builder builder(Shape input, int classes);
    }

    private static final Registry<Architecture> REGISTRY = new Registry<>("model", "%1$s: unknown parameter '%2$s'; allowed: %3$s");

    static {
        register("cnn", "the reference CNN (TensorFlow's Deep MNIST network)", Models::cnn);
        register("mlp", "multilayer perceptron, one hidden layer of 128", Models::mlp);
        register("logreg", "multinomial logistic regression", Models::logisticRegression);
    }

    private Models() {
    }

    private static void register(String name, String description, Architecture a) {
        REGISTRY.add(new Registry.Entry<>(name, description, List.of(), spec -> a));
    }

    /** The registry: names and architectures, in the shape every registry has (no parameters yet). */
    public static Registry<Architecture> registry() {
        return REGISTRY;
    }

    /** Names {@link #create} accepts. */
    public static Set<String> names() {
        return REGISTRY.names();
    }

    /**
     * @throws IllegalArgumentException {@code unknown model 'x'; known: cnn, mlp, logreg}
     */
    public static Network create(String name, Shape input, int classes, int capacity, Backend backend) {
        return REGISTRY.parse(name).builder(input, classes).build(capacity, backend);
    }

    /**
     * The reference CNN (TensorFlow's "Deep MNIST" network with He-normal weights): conv 5×5×32 SAME + bias
     * 0.1 + ReLU → max-pool 2×2 → conv 5×5×64 SAME + bias 0.1 + ReLU → max-pool 2×2 → dense 3136→1024 +
     * ReLU → dropout (keep 0.5) → dense 1024→10. All biases 0.1.
     */
    public static Network.Builder cnn(Shape input, int classes) {
        Initializer he = Initializer.heNormal();
        return Network.builder(input).name("cnn")
                .conv(5, 32, Padding.SAME, he, 0.1f).relu().maxPool()
                .conv(5, 64, Padding.SAME, he, 0.1f).relu().maxPool()
                .flatten()
                .dense(1024, he, 0.1f).relu()
                .dropout(0.5)
                .dense(classes, he, 0.1f);
    }

    /** A small multilayer perceptron: flatten → dense 128 + ReLU → dense to the classes (He normal, zero biases). */
    public static Network.Builder mlp(Shape input, int classes) {
        Initializer he = Initializer.heNormal();
        return Network.builder(input).name("mlp")
                .flatten().dense(128, he, 0f).relu().dense(classes, he, 0f);
    }

    /** Multinomial logistic regression: flatten → dense to the classes (Glorot uniform, zero biases). */
    public static Network.Builder logisticRegression(Shape input, int classes) {
        return Network.builder(input).name("logreg")
                .flatten().dense(classes, Initializer.glorotUniform(), 0f);
    }
}
