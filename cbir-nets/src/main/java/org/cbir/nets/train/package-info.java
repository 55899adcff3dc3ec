/**
 * What the trainable families share in their options and results: the paper's training-set
 * {@link org.cbir.nets.train.Augmentation} (offsets and rotations), the
 * {@link org.cbir.nets.train.RandomAugmentation} drawn afresh every epoch, the image transforms
 * both are made of, and a run's {@link org.cbir.nets.train.TrainingHistory}.
 */
package org.cbir.nets.train;
