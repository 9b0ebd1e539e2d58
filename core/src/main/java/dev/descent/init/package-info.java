/** Weight initializers (He normal, Glorot uniform, constant), each drawing only from the seeded stream it is given. */
package dev.descent.init;
