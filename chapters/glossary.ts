/**
 * The glossary (Appendix B): one line per term. `at` is `<chapter slug>#<heading id>`, the section that
 * teaches the term (the id rehypeHeadingIds gives that heading; tests/unit/glossary.test.ts checks it
 * exists). The page sorts the terms, and the search indexes each one, so adding a term is adding a line.
 */
export interface GlossaryEntry {
  term: string;
  /** One sentence, in the book's own words. */
  def: string;
  at: string;
}

export const GLOSSARY: GlossaryEntry[] = [
  // Chapter 0
  { term: 'backend', at: '00-how-to-use#four-ways-to-compute-the-backends', def: 'The engine that runs the tensor arithmetic in your browser: WebGPU, WebGL, WebAssembly or plain JavaScript on the CPU.' },
  { term: 'WebGPU', at: '00-how-to-use#four-ways-to-compute-the-backends', def: "The browser's modern interface to the graphics card, and one of the four backends the book can train on." },
  { term: 'WebAssembly', at: '00-how-to-use#four-ways-to-compute-the-backends', def: "Compiled code that runs in the browser at close to native speed on the CPU; the book's wasm backend." },
  { term: 'loss curve', at: '00-how-to-use#how-to-read-a-loss-curve', def: 'The loss plotted against training steps: falling means learning, flat means stuck, rising or jagged often means a learning rate that is too large.' },
  { term: 'seed', at: '00-how-to-use#seeds-the-same-run-every-time', def: 'The number that fixes every random choice of a run (data, initial weights, batch order), so the same seed gives the same curve.' },
  { term: 'share link', at: '00-how-to-use#the-controls-every-figure-shares', def: "An address that restores a figure's exact settings and seed for someone else." },
  { term: 'present mode', at: '00-how-to-use#the-controls-every-figure-shares', def: 'A view that enlarges one figure to fill a projector screen.' },
  // Chapter 1
  { term: 'feature', at: '01-linear-regression#step-1-a-linear-model', def: 'One measured input to a model, such as the x coordinate of a point.' },
  { term: 'weight', at: '01-linear-regression#step-1-a-linear-model', def: 'A parameter that multiplies an input; training adjusts it.' },
  { term: 'bias', at: '01-linear-regression#step-1-a-linear-model', def: 'A parameter added to the weighted sum, which lets the output be non-zero when every input is zero.' },
  { term: 'linear regression', at: '01-linear-regression#step-1-a-linear-model', def: 'Predicting a number as a weighted sum of the inputs plus a bias, fitted by minimising the squared error.' },
  { term: 'residual', at: '01-linear-regression#step-2-a-loss', def: "The gap between a model's prediction and the true value for one example." },
  { term: 'mean squared error', at: '01-linear-regression#step-2-a-loss', def: 'The average of the squared residuals: the loss of linear regression.' },
  { term: 'Huber loss', at: '01-linear-regression#step-2-a-loss', def: 'A loss that is squared for small residuals and grows only linearly for large ones, so outliers pull less.' },
  { term: 'normal equations', at: '01-linear-regression#closed-form', def: "The linear system whose solution is least squares' exact minimum, found without iterating." },
  { term: 'Hessian', at: '01-linear-regression#the-loss-surface-is-a-bowl', def: 'The matrix of second derivatives of the loss: how its slope changes in every pair of directions.' },
  { term: 'gradient descent', at: '01-linear-regression#step-3-the-general-way-gradient-descent', def: 'Repeatedly moving the parameters a small step against the gradient of the loss.' },
  { term: 'learning rate', at: '01-linear-regression#step-3-the-general-way-gradient-descent', def: 'The size η of each gradient-descent step: too small crawls, too large overshoots or diverges.' },
  { term: 'hyperparameter', at: '01-linear-regression#step-3-the-general-way-gradient-descent', def: 'A setting chosen by you rather than learned, such as the learning rate or the batch size.' },
  { term: 'mini-batch', at: '01-linear-regression#mini-batches-batch-size-and-epochs', def: 'A small random subset of the training data whose gradient stands in for the full one at each step.' },
  { term: 'epoch', at: '01-linear-regression#mini-batches-batch-size-and-epochs', def: 'One pass through the whole training set.' },
  // Chapter 2
  { term: 'logit', at: '02-classification#from-a-number-to-a-probability', def: 'The unbounded score a classifier computes before it is turned into a probability.' },
  { term: 'sigmoid', at: '02-classification#from-a-number-to-a-probability', def: 'The S-shaped function σ(z) = 1/(1 + e^(−z)) that squeezes any number into (0, 1).' },
  { term: 'logistic regression', at: '02-classification#from-a-number-to-a-probability', def: 'A linear model whose output passes through the sigmoid to give the probability of the positive class.' },
  { term: 'likelihood', at: '02-classification#a-loss-from-likelihood', def: 'The probability a model gives to the labels actually observed; training maximises it.' },
  { term: 'binary cross-entropy', at: '02-classification#a-loss-from-likelihood', def: 'The negative log-likelihood of labels that are 0 or 1: the loss of logistic regression.' },
  { term: 'softmax', at: '02-classification#more-than-two-classes-softmax', def: 'The function that turns a vector of logits into probabilities that are positive and sum to one.' },
  { term: 'one-hot', at: '02-classification#more-than-two-classes-softmax', def: 'A vector of zeros with a single 1 at the index of the class it stands for.' },
  { term: 'cross-entropy', at: '02-classification#more-than-two-classes-softmax', def: 'The negative log of the probability a model gives to the true class, averaged over examples.' },
  { term: 'temperature', at: '02-classification#temperature', def: 'A divisor τ of the logits before the softmax: above 1 it flattens the probabilities, below 1 it sharpens them.' },
  { term: 'generative classifier', at: '02-classification#the-generative-view', def: 'A classifier that models how each class produces its inputs, then turns that round with Bayes’ rule.' },
  { term: 'prior', at: '02-classification#the-generative-view', def: 'The probability of a class before looking at the input.' },
  { term: 'quadratic discriminant analysis', at: '02-classification#one-covariance-per-class-a-quadratic-boundary', def: 'A generative classifier with one Gaussian covariance per class, whose boundary is a curve rather than a line.' },
  // Chapter 3
  { term: 'perceptron', at: '03-mlp-backprop#perceptron', def: 'A single linear unit with a threshold, which can only separate classes with a straight line.' },
  { term: 'hidden layer', at: '03-mlp-backprop#hidden-layers', def: 'A layer between the input and the output whose values no label tells the network.' },
  { term: 'activation function', at: '03-mlp-backprop#activations', def: 'The nonlinearity φ applied to each unit, without which stacked layers collapse into one linear map.' },
  { term: 'ReLU', at: '03-mlp-backprop#activations', def: 'The rectified linear unit max(0, z): zero for negative inputs, the identity for positive ones.' },
  { term: 'tanh', at: '03-mlp-backprop#activations', def: 'The hyperbolic tangent, an S-shaped activation with outputs in (−1, 1).' },
  { term: 'computational graph', at: '03-mlp-backprop#graphs', def: 'The network of elementary operations that computes the loss, each node with its local derivative.' },
  { term: 'forward pass', at: '03-mlp-backprop#graphs', def: 'Computing every value from the inputs to the loss, keeping what the backward pass will need.' },
  { term: 'backpropagation', at: '03-mlp-backprop#backprop', def: 'The chain rule applied from the loss back to every parameter, giving all the gradients for a small multiple of the cost of one forward pass.' },
  { term: 'reverse mode', at: '03-mlp-backprop#modes', def: 'Differentiating from the output back to the inputs: one pass gives the gradient with respect to every parameter.' },
  // Chapter 4
  { term: 'critical point', at: '04-optimisation#critical-points', def: 'A point where the gradient is zero: a minimum, a maximum or a saddle.' },
  { term: 'saddle point', at: '04-optimisation#critical-points', def: 'A critical point that curves up in some directions and down in others.' },
  { term: 'condition number', at: '04-optimisation#race', def: "The ratio κ of a loss surface's steepest to its flattest curvature; the larger it is, the slower plain gradient descent." },
  { term: 'momentum', at: '04-optimisation#momentum', def: 'An optimiser that steps along a running sum v of past gradients, so steady directions speed up and zig-zags cancel.' },
  { term: 'Adagrad', at: '04-optimisation#adagrad', def: 'An optimiser that divides each parameter’s step by the root of its summed squared gradients.' },
  { term: 'RMSProp', at: '04-optimisation#rmsprop', def: 'Adagrad with a decaying average of squared gradients, so the steps do not shrink for ever.' },
  { term: 'Adam', at: '04-optimisation#adam', def: 'An optimiser that combines momentum (the first moment m) with RMSProp’s scaling (the second moment s), both bias-corrected.' },
  { term: 'learning-rate schedule', at: '04-optimisation#schedules', def: 'A rule that changes the learning rate during training, such as step decay, cosine or warm-up.' },
  { term: 'convex', at: '04-optimisation#convexity', def: 'Shaped so that every chord lies above the function: any local minimum is the global one.' },
  // Chapter 5
  { term: 'validation set', at: '05-generalisation#validation-and-test-sets', def: 'Data held out from training to choose hyperparameters, kept apart from the final test set.' },
  { term: 'test set', at: '05-generalisation#validation-and-test-sets', def: 'Data used once, at the end, to estimate how the model does on examples it has never seen.' },
  { term: 'overfitting', at: '05-generalisation#model-bias-and-overfitting', def: 'Fitting the training data so closely, noise included, that error on new data rises.' },
  { term: 'underfitting', at: '05-generalisation#model-bias-and-overfitting', def: 'A model too simple or too briefly trained to fit even the training data.' },
  { term: 'capacity', at: '05-generalisation#model-bias-and-overfitting', def: 'How wide a range of functions a model can represent, and so how much it can fit.' },
  { term: 'cross-validation', at: '05-generalisation#k-fold-cross-validation', def: 'Training K times, each time holding out a different fold, and averaging the held-out errors.' },
  { term: 'weight decay', at: '05-generalisation#weight-decay', def: 'Shrinking the weights a little at every step, which for plain gradient descent is the same as an L2 penalty.' },
  { term: 'dropout', at: '05-generalisation#dropout', def: 'Zeroing hidden units at random during training and scaling up the rest, so that no unit can rely on a particular other one.' },
  { term: 'AdamW', at: '05-generalisation#adamw', def: "Adam with the weight decay applied directly to the weights, outside the gradient's adaptive scaling." },
  { term: 'early stopping', at: '05-generalisation#early-stopping', def: 'Ending training when the validation loss stops improving, and keeping the best weights.' },
  { term: 'vanishing gradient', at: '05-generalisation#exploding-and-vanishing-gradients', def: 'A gradient that shrinks layer by layer on its way back, so early layers barely learn.' },
  { term: 'He initialisation', at: '05-generalisation#initialisation-xavier-and-he', def: 'Random initial weights with variance 2 / fan-in, which keeps ReLU activations at a steady scale through depth.' },
  { term: 'batch normalisation', at: '05-generalisation#batch-normalisation', def: 'Standardising each unit over the mini-batch, then rescaling it with learned parameters.' },
  { term: 'layer normalisation', at: '05-generalisation#layer-normalisation', def: "Standardising each example's units across the layer, so that it does not depend on the batch." },
  // Chapter 6
  { term: 'kernel', at: '06-cnn#from-fully-connected-layers-to-convolution', def: 'The small grid of weights a convolution slides over its input; also called a filter.' },
  { term: 'cross-correlation', at: '06-cnn#from-fully-connected-layers-to-convolution', def: 'Sliding a kernel over an input and summing elementwise products; what deep-learning libraries call convolution.' },
  { term: 'feature map', at: '06-cnn#from-fully-connected-layers-to-convolution', def: 'The output of one kernel over the whole input: where, and how strongly, its pattern appears.' },
  { term: 'padding', at: '06-cnn#padding-stride-and-the-size-of-the-output', def: 'Zeros added around an input so that a convolution keeps its size and sees the border.' },
  { term: 'stride', at: '06-cnn#padding-stride-and-the-size-of-the-output', def: 'How many pixels a kernel moves between one output and the next.' },
  { term: 'pooling', at: '06-cnn#channels-11-convolutions-and-pooling', def: 'Summarising each small window by its maximum or mean, which shrinks a feature map.' },
  { term: 'receptive field', at: '06-cnn#how-far-one-unit-can-see', def: 'The patch of the input image that can affect one unit.' },
  { term: 'LeNet', at: '06-cnn#lenet', def: 'An early convolutional network for digits: two convolutions with pooling, then dense layers.' },
  { term: 'equivariance', at: '06-cnn#not-invariant-shifts-rotations-and-augmentation', def: 'Moving with the input: shift the image and the feature maps shift the same way.' },
  { term: 'data augmentation', at: '06-cnn#not-invariant-shifts-rotations-and-augmentation', def: 'Training on randomly shifted, turned or otherwise altered copies of each example, with the label unchanged.' },
  { term: 'spatial transformer', at: '06-cnn#not-invariant-shifts-rotations-and-augmentation', def: 'A module that predicts an affine map for each input and resamples the image through it, trained by the classification loss alone.' },
  { term: 'global average pooling', at: '06-cnn#after-lenet-deeper-wider-residual', def: 'Averaging each channel over all positions, which replaces the large dense layers at the top of a network.' },
  { term: 'residual connection', at: '06-cnn#counting', def: "Adding a block's input to its output, so the block learns a correction and gradients have a direct path back." },
  // Chapter 7
  { term: 'autoregressive model', at: '07-rnn-lstm#sequence-data', def: 'A model that predicts the next value of a sequence from the values before it.' },
  { term: 'recurrent neural network', at: '07-rnn-lstm#recurrent-neural-networks', def: 'A network that carries a hidden state h from one time step to the next, updating it from each input.' },
  { term: 'backpropagation through time', at: '07-rnn-lstm#backpropagation-through-time', def: 'Backpropagation through the recurrence unrolled over every time step.' },
  { term: 'gradient clipping', at: '07-rnn-lstm#backpropagation-through-time', def: 'Scaling the gradient down whenever its norm exceeds a threshold, so one exploding step cannot wreck training.' },
  { term: 'GRU', at: '07-rnn-lstm#gated-recurrent-units', def: 'The gated recurrent unit: a recurrent cell whose reset and update gates decide how much of the old state to keep.' },
  { term: 'LSTM', at: '07-rnn-lstm#long-short-term-memory', def: 'Long short-term memory: a recurrent cell with a separate cell state c and input, forget and output gates.' },
  { term: 'cell state', at: '07-rnn-lstm#long-short-term-memory', def: "The LSTM's second memory, changed only by the forget gate's scaling and the input gate's addition, so information and gradients travel far along it." },
  { term: 'perplexity', at: '07-rnn-lstm#language-models-n-grams-and-perplexity', def: "The exponential of a language model's mean cross-entropy per token: how many choices it is as unsure as." },
  // Chapter 8
  { term: 'token', at: '08-text-embeddings#from-text-to-tokens-to-indices', def: 'One unit of text a model reads, such as a word or a character.' },
  { term: 'vocabulary', at: '08-text-embeddings#from-text-to-tokens-to-indices', def: 'The list of tokens a model knows, each with its index; here 0 is padding and 1 is unknown.' },
  { term: 'padding token', at: '08-text-embeddings#every-sequence-the-same-length', def: 'The filler index added to short sequences so that every sequence in a batch has one length.' },
  { term: 'bag of words', at: '08-text-embeddings#one-hot-vectors-and-the-bag-of-words', def: 'A text represented by how often each vocabulary word occurs in it, with the order thrown away.' },
  { term: 'embedding', at: '08-text-embeddings#embeddings-a-learned-lookup-table', def: 'A learned vector for each token, looked up by its index: a one-hot vector times a weight matrix.' },
  { term: 'TextCNN', at: '08-text-embeddings#textcnn-convolution-over-word-vectors', def: 'A text classifier that slides one-dimensional convolutions over word vectors and keeps the largest response of each.' },
  { term: 'majority-class baseline', at: '08-text-embeddings#the-data-real-e-mail-and-why-not-film-reviews', def: 'The accuracy of always answering the most common class: the number a classifier must beat.' },
  { term: 'principal component analysis', at: '08-text-embeddings#word-vectors-moving', def: 'Projecting vectors onto the directions of greatest variance, here to draw embeddings in two dimensions.' },
];
