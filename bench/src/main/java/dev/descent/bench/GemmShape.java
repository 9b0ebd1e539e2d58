package dev.descent.bench;

import java.util.Arrays;

/** The matrix products of one training step of the reference CNN at batch 50, plus square sizes. */
public enum GemmShape {
    CONV1_FWD(false, false, 50 * 784, 32, 25),
    CONV1_DW(true, false, 25, 32, 50 * 784),
    CONV2_FWD(false, false, 50 * 196, 64, 800),
    CONV2_DW(true, false, 800, 64, 50 * 196),
    CONV2_DX(false, true, 50 * 196, 800, 64),
    FC1_FWD(false, false, 50, 1024, 3136),
    FC1_DW(true, false, 3136, 1024, 50),
    FC1_DX(false, true, 50, 3136, 1024),
    FC2_FWD(false, false, 50, 10, 1024),
    SQUARE_256(false, false, 256, 256, 256),
    SQUARE_512(false, false, 512, 512, 512),
    SQUARE_1024(false, false, 1024, 1024, 1024);

    public final boolean transA, transB;
    public final int m, n, k;

    GemmShape(boolean transA, boolean transB, int m, int n, int k) {
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.k = k;
    }

    public double flops() {
        return 2.0 * m * n * k;
    }

    public String describe() {
        return String.format("%s (%s%s m=%d n=%d k=%d)", name().toLowerCase(), transA ? "Aᵀ" : "A", transB ? "Bᵀ" : "B", m, n, k);
    }

    public static String[] names() {
        return Arrays.stream(values()).map(Enum::name).toArray(String[]::new);
    }
}
