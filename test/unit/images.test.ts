import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { findImageReferences } from '../../src/manifests/images.js'

describe('findImageReferences', () => {
  it('finds the first manifest image: line or Dockerfile FROM line naming each image', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'images-'))
    await mkdir(path.join(root, 'k8s'))
    await writeFile(
      path.join(root, 'k8s', 'app.yaml'),
      'kind: Pod\nspec:\n  containers:\n    - name: a\n      image: "ghcr.io/org/app:1.2"\n    - image: redis:7 # cache\n'
    )
    await writeFile(
      path.join(root, 'Dockerfile'),
      '# build\nFROM --platform=linux/amd64 node:20-alpine AS build\nFROM gcr.io/distroless/nodejs20\n'
    )
    await writeFile(path.join(root, 'notes.txt'), 'image: not-a-manifest:1\n')
    const references = await findImageReferences(root, root)
    expect(Object.fromEntries(references)).toEqual({
      'ghcr.io/org/app:1.2': { path: 'k8s/app.yaml', startLine: 5 },
      'redis:7': { path: 'k8s/app.yaml', startLine: 6 },
      'node:20-alpine': { path: 'Dockerfile', startLine: 2 },
      'gcr.io/distroless/nodejs20': { path: 'Dockerfile', startLine: 3 }
    })
  })
})
