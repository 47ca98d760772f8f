/** Decoding a page image (PNG, JPEG, anything sharp reads) to 8-bit grey, upright. */
import sharp from 'sharp';
import { PrintError } from '../../domain/print/print-error.ts';

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, row by row; 0 black, 255 white. */
  readonly data: Uint8Array;
}

export async function loadGrayImage(bytes: Uint8Array): Promise<GrayImage> {
  try {
    const { data, info } = await sharp(bytes).rotate().flatten({ background: '#ffffff' }).greyscale().raw()
      .toBuffer({ resolveWithObject: true });
    return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, info.width * info.height) };
  } catch (error) {
    throw new PrintError('UNREADABLE_IMAGE', `the page image cannot be decoded: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
