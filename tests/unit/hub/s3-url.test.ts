import { describe, expect, it } from 'vitest';
import { parseS3Url } from '../../../hub/media/s3-url';

describe('parseS3Url', () => {
  it('reads bucket, prefix, endpoint, region and path style', () => {
    expect(parseS3Url('s3://school-media/hub/one/?endpoint=https://s3.example.org:9000&region=eu-west-1')).toEqual({
      bucket: 'school-media',
      prefix: 'hub/one/',
      endpoint: 'https://s3.example.org:9000',
      region: 'eu-west-1',
      forcePathStyle: true,
    });
    expect(parseS3Url('s3://media')).toEqual({ bucket: 'media', prefix: '', forcePathStyle: false });
    expect(parseS3Url('s3://media/p?endpoint=http://127.0.0.1:9000&forcePathStyle=false').forcePathStyle).toBe(false);
  });

  it('says what is wrong with a bad URL', () => {
    expect(() => parseS3Url('media/prefix')).toThrow(/not a URL/);
    expect(() => parseS3Url('https://media/prefix')).toThrow(/only s3:\/\//);
    expect(() => parseS3Url('s3://Bad_Bucket/x')).toThrow(/bucket "Bad_Bucket": a bucket name is/);
    expect(() => parseS3Url('s3://media/x?regoin=eu-west-1')).toThrow(/unknown option regoin/);
    expect(() => parseS3Url('s3://media/x?endpoint=ftp://host')).toThrow(/endpoint must be an http/);
    expect(() => parseS3Url('s3://media/x?forcePathStyle=yes')).toThrow(/forcePathStyle is true or false/);
    expect(() => parseS3Url('s3://media/a//b')).toThrow(/segment/);
  });

  it('refuses credentials in the URL without repeating them', () => {
    let message = '';
    try {
      parseS3Url('s3://AKIAEXAMPLE:topsecret@media/x');
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/credentials do not belong in the URL/);
    expect(message).not.toContain('topsecret');
  });
});
