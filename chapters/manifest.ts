/**
 * The book's order. A chapter is linked once `chapters/<slug>/index.mdx` exists;
 * until then it is listed in the table of contents as in preparation.
 */
export interface ChapterEntry {
  slug: string;
  /** Book order; for an appendix only its place after the chapters. */
  number: number;
  title: string;
  summary: string;
  /** Set on back matter ("A"): labelled "Appendix A" and listed after the chapters. */
  appendix?: string;
}

export const CHAPTERS: ChapterEntry[] = [
  { slug: '00-how-to-use', number: 0, title: 'How to use this book', summary: 'Which backend trains your models, the controls every figure shares, and how to read a loss curve.' },
  { slug: '01-linear-regression', number: 1, title: 'Linear regression and gradient descent', summary: 'A model, a loss, an optimiser: fit a line by hand, in closed form and by gradient descent.' },
  { slug: '02-classification', number: 2, title: 'Classification: logistic and softmax regression', summary: 'Probabilities, cross-entropy and decision boundaries, and the generative view beside them.' },
  { slug: '03-mlp-backprop', number: 3, title: 'Multilayer perceptrons and backpropagation', summary: 'Hidden layers, nonlinearities, and the chain rule that trains them.' },
  { slug: '04-optimisation', number: 4, title: 'Optimisation', summary: 'Saddle points, momentum, Adam and learning-rate schedules.' },
  { slug: '05-generalisation', number: 5, title: 'Generalisation and regularisation', summary: 'Overfitting, validation, weight decay, dropout and normalisation.' },
  { slug: '06-cnn', number: 6, title: 'Convolutional networks', summary: 'Convolution, pooling and LeNet trained live on handwritten digits.' },
  { slug: '07-rnn-lstm', number: 7, title: 'Recurrent networks: RNN, GRU, LSTM', summary: 'Sequences, gates and a character-level language model.' },
  { slug: '08-text-embeddings', number: 8, title: 'Text as data: tokens and embeddings', summary: 'Vocabularies, one-hot vectors and embeddings that move as they learn.' },
  { slug: '09-attention', number: 9, title: 'Attention', summary: 'Queries, keys and values, from kernel regression to self-attention.' },
  { slug: '10-transformers', number: 10, title: 'Transformers', summary: 'Encoders, decoders and a tiny GPT trained in the page.' },
  { slug: '11-large-models', number: 11, title: 'Large models: pretraining, alignment, multimodality', summary: 'GPT, CLIP, RLHF and the memory arithmetic of serving.' },
  { slug: '12-nas', number: 12, title: 'Neural architecture search', summary: 'Random search, REINFORCE and DARTS, measured on your device.' },
  { slug: '13-moe', number: 13, title: 'Mixture of experts', summary: 'Routers, top-k gating and load balancing.' },
  { slug: '14-distributed', number: 14, title: 'Parallel and distributed training', summary: 'Data parallelism across real Web Workers on your machine.' },
  { slug: 'appendix-data', number: 101, appendix: 'A', title: 'The data', summary: 'Every dataset the book trains on: its source, what the book packs from it, the file size and its licence.' },
  { slug: 'appendix-glossary', number: 102, appendix: 'B', title: 'Glossary', summary: 'The terms the book teaches, each with a one-line definition and a link to the section that teaches it.' },
];

/** "Chapter 6" or "Appendix A"; short: "6." or "A.". */
export function entryLabel(c: ChapterEntry, short = false): string {
  if (c.appendix) return short ? `${c.appendix}.` : `Appendix ${c.appendix}`;
  return short ? `${c.number}.` : `Chapter ${c.number}`;
}
