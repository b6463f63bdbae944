package be.meterkast.domain;

public enum MeterKind {
    ELECTRICITY,
    GAS
}
