/**
 * Learning-rate schedules: functions from step to learning rate, built by static factories and validated
 * when built.
 */
package dev.descent.schedule;
