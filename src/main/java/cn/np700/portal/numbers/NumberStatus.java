package cn.np700.portal.numbers;

/** A pool number's own state; BLOCK_SUSPENDED means its whole block is suspended, not the number alone. */
public enum NumberStatus {
    AVAILABLE, SUSPENDED, BLOCK_SUSPENDED
}
