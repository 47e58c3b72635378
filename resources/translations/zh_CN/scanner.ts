<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
<name>checkpoint_desk</name>
<message><source>Camera cannot be opened (unplugged or in use by another program)</source><translation>无法打开摄像头（未连接或被其他程序占用）</translation></message>
<message><source>Camera stopped sending pictures</source><translation>摄像头不再传送画面</translation></message>
<message><source>No picture from the camera</source><translation>摄像头没有画面</translation></message>
<message><source>Demo feed</source><translation>演示画面</translation></message>
<message><source>End of the video</source><translation>视频已结束</translation></message>
<message><source>No more images</source><translation>没有更多图片</translation></message>
<message><source>{path}: no such file</source><translation>{path}：文件不存在</translation></message>
<message><source>{path}: no such folder</source><translation>{path}：文件夹不存在</translation></message>
<message><source>{path}: not a video OpenCV can read</source><translation>{path}：不是可读取的视频</translation></message>
<message><source>{path}: the file is empty</source><translation>{path}：文件为空</translation></message>
<message><source>{path}: image too large (more than {limit} pixels)</source><translation>{path}：图片过大（超过 {limit} 像素）</translation></message>
<message><source>{path}: image too large ({width}×{height}, at most {limit} pixels)</source><translation>{path}：图片过大（{width}×{height}，最多 {limit} 像素）</translation></message>
<message><source>{path}: not an image</source><translation>{path}：不是图片</translation></message>
<message><source>{path}: cannot be read: {reason}</source><translation>{path}：无法读取：{reason}</translation></message>
<message><source>{path}: the image is damaged</source><translation>{path}：图片已损坏</translation></message>
<message><source>{path}: the video has no readable frame</source><translation>{path}：视频中没有可读取的画面</translation></message>
<message><source>{path}: no code found</source><translation>{path}：未找到二维码</translation></message>
<message><source>{path}: no images or videos in this folder</source><translation>{path}：该文件夹中没有图片或视频</translation></message>
<message><source>nothing could be read</source><translation>没有可读取的内容</translation></message>
<message><source>{codes} code(s) in {inputs} file(s), {seconds:.1f} s</source><translation>{inputs} 个文件中共 {codes} 个码，用时 {seconds:.1f} 秒</translation></message>
<message><source>works</source><translation>可用</translation></message>
<message><source>cannot be opened</source><translation>无法打开</translation></message>
<message><source>no camera found</source><translation>未找到摄像头</translation></message>
<message><source>decoder {decoder} unavailable: {reason}</source><translation>解码器 {decoder} 不可用：{reason}</translation></message>
</context>
</TS>
