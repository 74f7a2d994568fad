/** The layer lists of AlexNet, VGG-11, NiN and GoogLeNet for 1,000 ImageNet classes, for archCounts.ts. */
import type { ArchLayer, ArchSpec } from './archCounts';

const conv = (name: string, out: number, k: number, stride = 1, pad = 0, groups = 1): ArchLayer => ({ kind: 'conv', name, out, k, stride, pad, groups });
const pool = (name: string, k: number, stride: number, pad = 0): ArchLayer => ({ kind: 'pool', name, k, stride, pad });
const fc = (name: string, out: number): ArchLayer => ({ kind: 'fc', name, out });
const incep = (name: string, c1: number, c3r: number, c3: number, c5r: number, c5: number, p: number): ArchLayer => ({ kind: 'inception', name, c1, c3r, c3, c5r, c5, pool: p });

/** AlexNet's layers with conv2, conv4 and conv5 split into `groups` (2: the paper's two GPUs; 1: one tower). */
function alexnet(groups: number, variant: string): ArchSpec {
  return {
    name: groups === 1 ? 'AlexNet (one tower)' : 'AlexNet (two GPUs)',
    variant,
    // The paper says 224×224; 227 is the size its 11×11, stride-4 first layer needs for the 55×55 maps it reports.
    input: [3, 227, 227],
    layers: [
      conv('conv1 11×11/4', 96, 11, 4), pool('max pool 3×3/2', 3, 2),
      conv('conv2 5×5', 256, 5, 1, 2, groups), pool('max pool 3×3/2', 3, 2),
      conv('conv3 3×3', 384, 3, 1, 1), conv('conv4 3×3', 384, 3, 1, 1, groups), conv('conv5 3×3', 256, 3, 1, 1, groups), pool('max pool 3×3/2', 3, 2),
      fc('fc6', 4096), fc('fc7', 4096), fc('fc8', 1000),
    ],
  };
}

/** Krizhevsky's 2014 one-tower revision ("one weird trick"), the AlexNet of torchvision: 64, 192, 384, 256, 256 channels. */
const ALEXNET_2014: ArchSpec = {
  name: 'AlexNet (2014 one-tower revision)',
  variant: 'Krizhevsky (2014), as torchvision builds it: 64, 192, 384, 256, 256 channels, conv1 padded by 2, 224×224 input.',
  input: [3, 224, 224],
  layers: [
    conv('conv1 11×11/4', 64, 11, 4, 2), pool('max pool 3×3/2', 3, 2),
    conv('conv2 5×5', 192, 5, 1, 2), pool('max pool 3×3/2', 3, 2),
    conv('conv3 3×3', 384, 3, 1, 1), conv('conv4 3×3', 256, 3, 1, 1), conv('conv5 3×3', 256, 3, 1, 1), pool('max pool 3×3/2', 3, 2),
    fc('fc6', 4096), fc('fc7', 4096), fc('fc8', 1000),
  ],
};

/** VGG's configuration A (11 weight layers): 3×3 convolutions with padding 1, 2×2 max pooling, three dense layers. */
const VGG11: ArchSpec = {
  name: 'VGG-11',
  variant: 'Configuration A of Simonyan and Zisserman (2015), 224×224 input.',
  input: [3, 224, 224],
  layers: [
    conv('conv3-64', 64, 3, 1, 1), pool('max pool 2×2', 2, 2),
    conv('conv3-128', 128, 3, 1, 1), pool('max pool 2×2', 2, 2),
    conv('conv3-256', 256, 3, 1, 1), conv('conv3-256', 256, 3, 1, 1), pool('max pool 2×2', 2, 2),
    conv('conv3-512', 512, 3, 1, 1), conv('conv3-512', 512, 3, 1, 1), pool('max pool 2×2', 2, 2),
    conv('conv3-512', 512, 3, 1, 1), conv('conv3-512', 512, 3, 1, 1), pool('max pool 2×2', 2, 2),
    fc('fc 4096', 4096), fc('fc 4096', 4096), fc('fc 1000', 1000),
  ],
};

/** NiN blocks: a spatial convolution and two 1×1 convolutions. */
function ninBlock(name: string, out: number, k: number, stride: number, pad: number): ArchLayer[] {
  return [conv(`${name} ${k}×${k}${stride > 1 ? `/${stride}` : ''}`, out, k, stride, pad), conv(`${name} 1×1`, out, 1), conv(`${name} 1×1`, out, 1)];
}

const NIN: ArchSpec = {
  name: 'NiN',
  variant: 'd2l’s ImageNet layout (Zhang et al., section 8.3) with a last block of 1,000 channels, one per class; 224×224 input.',
  input: [3, 224, 224],
  layers: [
    ...ninBlock('block 1', 96, 11, 4, 0), pool('max pool 3×3/2', 3, 2),
    ...ninBlock('block 2', 256, 5, 1, 2), pool('max pool 3×3/2', 3, 2),
    ...ninBlock('block 3', 384, 3, 1, 1), pool('max pool 3×3/2', 3, 2),
    ...ninBlock('block 4', 1000, 3, 1, 1), { kind: 'gap', name: 'global average pool' },
  ],
};

const GOOGLENET: ArchSpec = {
  name: 'GoogLeNet',
  variant: 'Table 1 of Szegedy et al. (2015), without the two auxiliary classifiers used only in training; 224×224 input.',
  input: [3, 224, 224],
  layers: [
    conv('conv 7×7/2', 64, 7, 2, 3), pool('max pool 3×3/2', 3, 2, 1),
    conv('conv 1×1 (reduce)', 64, 1), conv('conv 3×3', 192, 3, 1, 1), pool('max pool 3×3/2', 3, 2, 1),
    incep('inception 3a', 64, 96, 128, 16, 32, 32), incep('inception 3b', 128, 128, 192, 32, 96, 64), pool('max pool 3×3/2', 3, 2, 1),
    incep('inception 4a', 192, 96, 208, 16, 48, 64), incep('inception 4b', 160, 112, 224, 24, 64, 64), incep('inception 4c', 128, 128, 256, 24, 64, 64),
    incep('inception 4d', 112, 144, 288, 32, 64, 64), incep('inception 4e', 256, 160, 320, 32, 128, 128), pool('max pool 3×3/2', 3, 2, 1),
    incep('inception 5a', 256, 160, 320, 32, 128, 128), incep('inception 5b', 384, 192, 384, 48, 128, 128), { kind: 'gap', name: 'average pool 7×7' },
    fc('linear', 1000),
  ],
};

export type ArchName = 'alexnet2' | 'alexnet' | 'alexnet2014' | 'vgg11' | 'nin' | 'googlenet';
export const ARCH_NAMES: readonly ArchName[] = ['alexnet2', 'alexnet', 'alexnet2014', 'vgg11', 'nin', 'googlenet'];

export const ARCHS: Record<ArchName, ArchSpec> = {
  alexnet2014: ALEXNET_2014,
  alexnet: alexnet(1, 'The paper’s layer sizes as a single tower: every convolution sees all the channels before it. 227×227 input.'),
  alexnet2: alexnet(2, 'As published, split over two GPUs: conv2, conv4 and conv5 see only the half of the channels on their own GPU. 227×227 input.'),
  vgg11: VGG11,
  nin: NIN,
  googlenet: GOOGLENET,
};
